CREATE TABLE IF NOT EXISTS webhook_deliveries (id TEXT PRIMARY KEY, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_resources (key TEXT PRIMARY KEY, accepted TEXT, applied TEXT);
CREATE TABLE IF NOT EXISTS webhook_steps (key TEXT PRIMARY KEY, order_id INTEGER NOT NULL, state TEXT NOT NULL, until INTEGER);
