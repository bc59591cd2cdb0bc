"""The bundled demo corpus, written by the watchfloor authors."""
