-- dbferry demo inventory application, version 1: users, part categories and parts, companies and
-- supplier parts, stock locations, stock items and their tracking entries. Modelled on InvenTree.
-- The same logical schema exists for sqlite, mysql and postgresql; keep the three in step.

CREATE TABLE auth_user (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username VARCHAR(150) NOT NULL,
    first_name VARCHAR(150) NOT NULL,
    last_name VARCHAR(150) NOT NULL,
    email VARCHAR(254),
    is_staff BOOLEAN NOT NULL DEFAULT FALSE,
    is_superuser BOOLEAN NOT NULL DEFAULT FALSE,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    date_joined DATETIME(6) NOT NULL,
    last_login DATETIME(6),
    CONSTRAINT auth_user_username_uniq UNIQUE (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE part_partcategory (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(250) NOT NULL,
    parent_id INT,
    pathstring VARCHAR(250) NOT NULL,
    structural BOOLEAN NOT NULL DEFAULT FALSE,
    metadata JSON,
    CONSTRAINT part_partcategory_parent_fk FOREIGN KEY (parent_id) REFERENCES part_partcategory (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE part_part (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(250) NOT NULL,
    keywords VARCHAR(250),
    category_id INT,
    ipn VARCHAR(100),
    revision VARCHAR(100),
    units VARCHAR(20) NOT NULL,
    minimum_stock DECIMAL(19,6) NOT NULL,
    base_cost DECIMAL(19,6) NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    assembly BOOLEAN NOT NULL DEFAULT FALSE,
    component BOOLEAN NOT NULL DEFAULT TRUE,
    purchaseable BOOLEAN NOT NULL DEFAULT TRUE,
    salable BOOLEAN NOT NULL DEFAULT FALSE,
    trackable BOOLEAN NOT NULL DEFAULT FALSE,
    creation_date DATE,
    creation_user_id INT,
    last_stocktake DATE,
    thumbnail BLOB,
    notes TEXT,
    metadata JSON,
    CONSTRAINT part_part_category_fk FOREIGN KEY (category_id) REFERENCES part_partcategory (id),
    CONSTRAINT part_part_creation_user_fk FOREIGN KEY (creation_user_id) REFERENCES auth_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE company_company (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(500) NOT NULL,
    website VARCHAR(200) NOT NULL,
    phone VARCHAR(50) NOT NULL,
    email VARCHAR(254),
    currency VARCHAR(3) NOT NULL,
    is_customer BOOLEAN NOT NULL DEFAULT FALSE,
    is_supplier BOOLEAN NOT NULL DEFAULT TRUE,
    is_manufacturer BOOLEAN NOT NULL DEFAULT FALSE,
    notes TEXT,
    metadata JSON,
    CONSTRAINT company_company_name_uniq UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE company_supplierpart (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    part_id INT NOT NULL,
    supplier_id INT NOT NULL,
    sku VARCHAR(100) NOT NULL,
    description VARCHAR(250),
    link VARCHAR(2000),
    packaging VARCHAR(50),
    pack_quantity DECIMAL(15,5) NOT NULL,
    multiple INT NOT NULL DEFAULT 1,
    available DECIMAL(15,3) NOT NULL,
    availability_updated DATETIME(6),
    note VARCHAR(100),
    CONSTRAINT company_supplierpart_part_fk FOREIGN KEY (part_id) REFERENCES part_part (id),
    CONSTRAINT company_supplierpart_supplier_fk FOREIGN KEY (supplier_id) REFERENCES company_company (id),
    CONSTRAINT company_supplierpart_uniq UNIQUE (part_id, supplier_id, sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_stocklocation (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(250) NOT NULL,
    parent_id INT,
    pathstring VARCHAR(250) NOT NULL,
    structural BOOLEAN NOT NULL DEFAULT FALSE,
    external BOOLEAN NOT NULL DEFAULT FALSE,
    metadata JSON,
    CONSTRAINT stock_stocklocation_parent_fk FOREIGN KEY (parent_id) REFERENCES stock_stocklocation (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_stockitem (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    part_id INT NOT NULL,
    supplier_part_id INT,
    location_id INT,
    quantity DECIMAL(15,5) NOT NULL,
    serial VARCHAR(100),
    batch VARCHAR(100),
    status INT NOT NULL DEFAULT 10,
    packaging VARCHAR(50),
    purchase_price DECIMAL(19,6),
    purchase_price_currency VARCHAR(3),
    updated DATETIME(6),
    review_needed BOOLEAN NOT NULL DEFAULT FALSE,
    notes TEXT,
    metadata JSON,
    CONSTRAINT stock_stockitem_part_fk FOREIGN KEY (part_id) REFERENCES part_part (id),
    CONSTRAINT stock_stockitem_supplier_part_fk FOREIGN KEY (supplier_part_id) REFERENCES company_supplierpart (id),
    CONSTRAINT stock_stockitem_location_fk FOREIGN KEY (location_id) REFERENCES stock_stocklocation (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_stockitemtracking (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    item_id BIGINT NOT NULL,
    tracking_type INT NOT NULL,
    date DATETIME(6) NOT NULL,
    notes VARCHAR(512),
    user_id INT,
    deltas JSON,
    CONSTRAINT stock_stockitemtracking_item_fk FOREIGN KEY (item_id) REFERENCES stock_stockitem (id),
    CONSTRAINT stock_stockitemtracking_user_fk FOREIGN KEY (user_id) REFERENCES auth_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX part_part_category_idx ON part_part (category_id);
CREATE INDEX stock_stockitem_part_idx ON stock_stockitem (part_id);
CREATE INDEX stock_stockitem_location_idx ON stock_stockitem (location_id);
CREATE INDEX stock_stockitemtracking_item_idx ON stock_stockitemtracking (item_id);
