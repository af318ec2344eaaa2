-- dbferry demo inventory application, version 2: supplier price breaks, attachments that reference
-- media files (a path relative to the media folder), and an expiry date on stock items.

CREATE TABLE company_supplierpricebreak (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    part_id INT NOT NULL,
    quantity DECIMAL(15,5) NOT NULL,
    price DECIMAL(19,6) NOT NULL,
    price_currency VARCHAR(3) NOT NULL,
    updated DATETIME(6),
    CONSTRAINT company_supplierpricebreak_part_fk FOREIGN KEY (part_id) REFERENCES company_supplierpart (id),
    CONSTRAINT company_supplierpricebreak_uniq UNIQUE (part_id, quantity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE common_attachment (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    model_type VARCHAR(100) NOT NULL,
    model_id INT NOT NULL,
    attachment VARCHAR(255),
    link VARCHAR(2000),
    comment VARCHAR(250) NOT NULL,
    file_size BIGINT NOT NULL DEFAULT 0,
    upload_date DATE,
    upload_user_id INT,
    CONSTRAINT common_attachment_user_fk FOREIGN KEY (upload_user_id) REFERENCES auth_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX common_attachment_model_idx ON common_attachment (model_type, model_id);

ALTER TABLE stock_stockitem ADD COLUMN expiry_date DATE;
