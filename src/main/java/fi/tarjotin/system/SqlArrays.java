package fi.tarjotin.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * PostgreSQL array parameters, so a page of records is written by one {@code unnest(...)} statement
 * with bound values instead of a hundred single-row statements.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static AbstractSqlTypeValue of(String elementType, Collection<?> values) {
        Object[] elements = values.toArray();
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf(elementType, elements);
            }
        };
    }
}
