"""Baselines, unusual-event signals, alerts, storylines, actor network and media lens."""
