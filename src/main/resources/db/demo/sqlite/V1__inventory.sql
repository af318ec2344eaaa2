-- dbferry demo inventory application, version 1: users, part categories and parts, companies and
-- supplier parts, stock locations, stock items and their tracking entries. Modelled on InvenTree.
-- The same logical schema exists for sqlite, mysql and postgresql; keep the three in step.

CREATE TABLE auth_user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username VARCHAR(150) NOT NULL,
    first_name VARCHAR(150) NOT NULL,
    last_name VARCHAR(150) NOT NULL,
    email VARCHAR(254),
    is_staff BOOLEAN NOT NULL DEFAULT FALSE,
    is_superuser BOOLEAN NOT NULL DEFAULT FALSE,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    date_joined TIMESTAMP NOT NULL,
    last_login TIMESTAMP,
    CONSTRAINT auth_user_username_uniq UNIQUE (username)
);

CREATE TABLE part_partcategory (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(250) NOT NULL,
    parent_id INTEGER,
    pathstring VARCHAR(250) NOT NULL,
    structural BOOLEAN NOT NULL DEFAULT FALSE,
    metadata TEXT,
    CONSTRAINT part_partcategory_parent_fk FOREIGN KEY (parent_id) REFERENCES part_partcategory (id)
);

CREATE TABLE part_part (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(250) NOT NULL,
    keywords VARCHAR(250),
    category_id INTEGER,
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
    creation_user_id INTEGER,
    last_stocktake DATE,
    thumbnail BLOB,
    notes TEXT,
    metadata TEXT,
    CONSTRAINT part_part_category_fk FOREIGN KEY (category_id) REFERENCES part_partcategory (id),
    CONSTRAINT part_part_creation_user_fk FOREIGN KEY (creation_user_id) REFERENCES auth_user (id)
);

CREATE TABLE company_company (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    metadata TEXT,
    CONSTRAINT company_company_name_uniq UNIQUE (name)
);

CREATE TABLE company_supplierpart (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    part_id INTEGER NOT NULL,
    supplier_id INTEGER NOT NULL,
    sku VARCHAR(100) NOT NULL,
    description VARCHAR(250),
    link VARCHAR(2000),
    packaging VARCHAR(50),
    pack_quantity DECIMAL(15,5) NOT NULL,
    multiple INTEGER NOT NULL DEFAULT 1,
    available DECIMAL(15,3) NOT NULL,
    availability_updated TIMESTAMP,
    note VARCHAR(100),
    CONSTRAINT company_supplierpart_part_fk FOREIGN KEY (part_id) REFERENCES part_part (id),
    CONSTRAINT company_supplierpart_supplier_fk FOREIGN KEY (supplier_id) REFERENCES company_company (id),
    CONSTRAINT company_supplierpart_uniq UNIQUE (part_id, supplier_id, sku)
);

CREATE TABLE stock_stocklocation (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(250) NOT NULL,
    parent_id INTEGER,
    pathstring VARCHAR(250) NOT NULL,
    structural BOOLEAN NOT NULL DEFAULT FALSE,
    external BOOLEAN NOT NULL DEFAULT FALSE,
    metadata TEXT,
    CONSTRAINT stock_stocklocation_parent_fk FOREIGN KEY (parent_id) REFERENCES stock_stocklocation (id)
);

CREATE TABLE stock_stockitem (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    part_id INTEGER NOT NULL,
    supplier_part_id INTEGER,
    location_id INTEGER,
    quantity DECIMAL(15,5) NOT NULL,
    serial VARCHAR(100),
    batch VARCHAR(100),
    status INTEGER NOT NULL DEFAULT 10,
    packaging VARCHAR(50),
    purchase_price DECIMAL(19,6),
    purchase_price_currency VARCHAR(3),
    updated TIMESTAMP,
    review_needed BOOLEAN NOT NULL DEFAULT FALSE,
    notes TEXT,
    metadata TEXT,
    CONSTRAINT stock_stockitem_part_fk FOREIGN KEY (part_id) REFERENCES part_part (id),
    CONSTRAINT stock_stockitem_supplier_part_fk FOREIGN KEY (supplier_part_id) REFERENCES company_supplierpart (id),
    CONSTRAINT stock_stockitem_location_fk FOREIGN KEY (location_id) REFERENCES stock_stocklocation (id)
);

CREATE TABLE stock_stockitemtracking (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL,
    tracking_type INTEGER NOT NULL,
    date TIMESTAMP NOT NULL,
    notes VARCHAR(512),
    user_id INTEGER,
    deltas TEXT,
    CONSTRAINT stock_stockitemtracking_item_fk FOREIGN KEY (item_id) REFERENCES stock_stockitem (id),
    CONSTRAINT stock_stockitemtracking_user_fk FOREIGN KEY (user_id) REFERENCES auth_user (id)
);

CREATE INDEX part_part_category_idx ON part_part (category_id);
CREATE INDEX stock_stockitem_part_idx ON stock_stockitem (part_id);
CREATE INDEX stock_stockitem_location_idx ON stock_stockitem (location_id);
CREATE INDEX stock_stockitemtracking_item_idx ON stock_stockitemtracking (item_id);
