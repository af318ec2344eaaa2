package io.dbferry.core.transfer;

import io.dbferry.core.model.CarriedValue;

import java.util.List;
import java.util.Map;

/**
 * A column of an export whose values went into the dump in an unusual form, each with its own kind
 * (a {@link CarriedValue}): how many, of which kinds, and the keys of the first few rows.
 *
 * @param firstKeys the first rows' keys ({@code id=8}, or {@code #3} for a table without a primary key)
 */
public record CarriedColumn(String table, String column, long count, Map<CarriedValue.Kind, Long> kinds, List<String> firstKeys) {
}
