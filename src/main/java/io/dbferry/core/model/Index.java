package io.dbferry.core.model;

import java.util.List;

public record Index(String name, List<String> columns, boolean unique) {
}
