#!/usr/bin/env python3
"""Writes every table of a SQLite file as LOAD DATA text (tab-separated, \\N for NULL, backslash escapes),
one FILE per table in OUT_DIR, and prints the LOAD DATA statements that read them (to stdout)."""
import os
import sqlite3
import sys

src, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
con = sqlite3.connect(src)
con.text_factory = bytes
ESC = {0x5C: b"\\\\", 0x09: b"\\t", 0x0A: b"\\n", 0x0D: b"\\r", 0x00: b"\\0"}
TABLE = bytes.maketrans(b"", b"")


def esc(b):
    if not any(c in b for c in b"\\\t\n\r\x00"):
        return b
    return b"".join(ESC.get(c, bytes((c,))) for c in b)


def field(v):
    if v is None:
        return b"\\N"
    if isinstance(v, bytes):
        return esc(v)
    if isinstance(v, float):
        return repr(v).encode()
    return str(v).encode()


tables = [r[0].decode() for r in con.execute(
    "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name <> 'flyway_schema_history' order by name")]
stmts = ["SET FOREIGN_KEY_CHECKS=0;", "SET UNIQUE_CHECKS=0;"]
for t in tables:
    cols = [r[1].decode() for r in con.execute(f'pragma table_info("{t}")')]
    path = os.path.join(out_dir, t + ".txt")
    with open(path, "wb") as f:
        for row in con.execute(f'select * from "{t}"'):
            f.write(b"\t".join(field(v) for v in row) + b"\n")
    collist = ", ".join(f"`{c}`" for c in cols)
    stmts.append(f"LOAD DATA LOCAL INFILE '{path}' INTO TABLE `{t}` CHARACTER SET utf8mb4 ({collist});")
stmts.append("SET FOREIGN_KEY_CHECKS=1;")
print("\n".join(stmts))
