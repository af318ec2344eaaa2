-- dbferry demo inventory application, version 2: supplier price breaks, attachments that reference
-- media files (a path relative to the media folder), and an expiry date on stock items.

CREATE TABLE company_supplierpricebreak (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    part_id INTEGER NOT NULL,
    quantity DECIMAL(15,5) NOT NULL,
    price DECIMAL(19,6) NOT NULL,
    price_currency VARCHAR(3) NOT NULL,
    updated TIMESTAMP,
    CONSTRAINT company_supplierpricebreak_part_fk FOREIGN KEY (part_id) REFERENCES company_supplierpart (id),
    CONSTRAINT company_supplierpricebreak_uniq UNIQUE (part_id, quantity)
);

CREATE TABLE common_attachment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    model_type VARCHAR(100) NOT NULL,
    model_id INTEGER NOT NULL,
    attachment VARCHAR(255),
    link VARCHAR(2000),
    comment VARCHAR(250) NOT NULL,
    file_size INTEGER NOT NULL DEFAULT 0,
    upload_date DATE,
    upload_user_id INTEGER,
    CONSTRAINT common_attachment_user_fk FOREIGN KEY (upload_user_id) REFERENCES auth_user (id)
);

CREATE INDEX common_attachment_model_idx ON common_attachment (model_type, model_id);

ALTER TABLE stock_stockitem ADD COLUMN expiry_date DATE;
