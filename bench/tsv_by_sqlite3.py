#!/usr/bin/env python3
"""The rival of copy-records into MariaDB, as an operator would write it with the sqlite3 shell: prints a shell
script that has `sqlite3 -separator` write every table of SRC as LOAD DATA text into OUT_DIR (NULL as \\N;
backslash, tab, newline and CR escaped in SQL in text columns; BLOB columns as hex), then loads them with the `mysql` client's
LOAD DATA LOCAL INFILE. Usage: tsv_by_sqlite3.py SRC OUT_DIR MYSQL_CLIENT_ARGS DATABASE > script.sh"""
import sqlite3
import sys

src, out_dir, mysql_args, database = sys.argv[1:5]
con = sqlite3.connect(src)
tables = [r[0] for r in con.execute(
    "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name <> 'flyway_schema_history' order by name")]


def text(c):
    e = f'"{c}"'
    for ch, rep in (("'\\'", "'\\\\'"), ("char(9)", "'\\t'"), ("char(10)", "'\\n'"), ("char(13)", "'\\r'")):
        e = f"replace({e}, {ch}, {rep})"
    return f"coalesce({e}, '\\N')"


lines = ["set -euo pipefail", f"mkdir -p '{out_dir}'"]
stmts = ["SET FOREIGN_KEY_CHECKS=0;", "SET UNIQUE_CHECKS=0;"]
for t in tables:
    cols = [(r[1], (r[2] or "").upper()) for r in con.execute(f'pragma table_info("{t}")')]
    exprs, targets, sets = [], [], []
    for name, decl in cols:
        if "BLOB" in decl:
            exprs.append(f"""case when "{name}" is null then '\\N' else hex("{name}") end""")  # hex(null) is ''
            targets.append(f"@{name}")
            sets.append(f"`{name}` = unhex(@{name})")
        elif any(k in decl for k in ("CHAR", "TEXT", "CLOB")) or not decl:
            exprs.append(text(name))
            targets.append(f"`{name}`")
        else:  # numbers and dates need no escapes
            exprs.append(f"""coalesce("{name}", '\\N')""")
            targets.append(f"`{name}`")
    query = f'select {", ".join(exprs)} from "{t}"'.replace("'", "'\\''")
    lines.append(f"sqlite3 -batch -noheader -separator \"$(printf '\\t')\" '{src}' '{query}' > '{out_dir}/{t}.txt'")
    stmt = f"LOAD DATA LOCAL INFILE '{out_dir}/{t}.txt' INTO TABLE `{t}` CHARACTER SET utf8mb4 ({', '.join(targets)})"
    stmts.append(stmt + (f" SET {', '.join(sets)}" if sets else "") + ";")
stmts.append("SET FOREIGN_KEY_CHECKS=1;")
sql = "\n".join(stmts)
lines.append(f"mysql {mysql_args} --local-infile=1 {database} <<'SQL'\n{sql}\nSQL")
print("\n".join(lines))
