package org.switchboard.platform.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Counts the SQL statements the current thread executes, so a request can report how many it took
 * (list pages must take a fixed number whatever their size). A request runs on one (virtual) thread,
 * so a thread-local count is the request's count.
 */
public final class StatementCounter {

    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    private StatementCounter() {}

    public static void reset() {
        COUNT.get()[0] = 0;
    }

    public static int current() {
        return COUNT.get()[0];
    }

    static Connection counting(Connection connection) {
        return proxy(Connection.class, connection, StatementCounter::wrapStatement);
    }

    private static Object wrapStatement(Method method, Object result) {
        if (result instanceof java.sql.CallableStatement statement) {
            return proxy(java.sql.CallableStatement.class, statement, StatementCounter::countExecution);
        }
        if (result instanceof java.sql.PreparedStatement statement) {
            return proxy(java.sql.PreparedStatement.class, statement, StatementCounter::countExecution);
        }
        if (result instanceof Statement statement) {
            return proxy(Statement.class, statement, StatementCounter::countExecution);
        }
        return result;
    }

    private static Object countExecution(Method method, Object result) {
        return result; // counted before the call, in the handler
    }

    private interface AfterCall {
        Object apply(Method method, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")
                    && Statement.class.isAssignableFrom(method.getDeclaringClass())) {
                COUNT.get()[0]++;
            }
            if (method.getName().equals("unwrap")
                    && args != null
                    && args[0] instanceof Class<?> wanted
                    && wanted.isInstance(target)) {
                return target;
            }
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
