-- Feed polling state for `watchfloor watch`: one row per feed, one per item already taken.
CREATE TABLE feeds (
    url            VARCHAR PRIMARY KEY,   -- the feed as listed in FEEDS.txt (URL or path)
    title          VARCHAR,
    etag           VARCHAR,
    last_modified  VARCHAR,
    last_polled    TIMESTAMP,
    last_status    VARCHAR,               -- ok | not modified | error
    last_error     VARCHAR,
    items_seen     INTEGER DEFAULT 0
);

CREATE TABLE feed_items (
    feed_url    VARCHAR NOT NULL,
    item_key    VARCHAR NOT NULL,         -- the item's id/guid, else its link
    first_seen  TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (feed_url, item_key)
);
