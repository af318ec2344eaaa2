package io.dbferry.core.catalog;

import java.util.List;

public record Index(String name, List<String> columns, boolean unique) {
}
