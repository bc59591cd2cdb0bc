"""Social-media exports (Telegram, X/Twitter, Mastodon) read as documents, one per thread."""
