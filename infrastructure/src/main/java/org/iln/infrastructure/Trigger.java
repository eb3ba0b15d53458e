package org.iln.infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What invokes a function: HTTP routes, a schedule in UTC, or SES bounce and complaint events. */
public sealed interface Trigger {

    /**
     * HTTP API routes, each written as {@code "METHOD /path"}, for example {@code "POST /api/signup"}.
     *
     * @param routes the routes this function answers
     */
    record HttpRoutes(List<String> routes) implements Trigger {
        public HttpRoutes {
            routes = List.copyOf(routes);
            for (String route : routes) {
                if (!route.matches("(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /api/[a-z0-9/-]+")) {
                    throw new IllegalArgumentException(
                            "route '" + route + "' must be 'METHOD /api/path' (CloudFront sends only /api/* to the API)");
                }
            }
        }
    }

    /**
     * Once a day at a fixed UTC time.
     *
     * @param hour hour of the day, 0-23, UTC
     * @param minute minute of the hour, 0-59
     */
    record Daily(int hour, int minute) implements Trigger {
        public Daily {
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                throw new IllegalArgumentException("a daily trigger needs hour 0-23 and minute 0-59");
            }
        }
    }

    /**
     * At a fixed rate, in whole minutes.
     *
     * @param every the interval between invocations
     */
    record Every(Duration every) implements Trigger {
        public Every {
            Objects.requireNonNull(every, "every cannot be null");
            if (every.toMinutes() < 1 || !every.equals(Duration.ofMinutes(every.toMinutes()))) {
                throw new IllegalArgumentException("a rate trigger must be a whole number of minutes, at least one");
            }
        }
    }

    /** SES bounce and complaint events from the configuration set, delivered through an SNS topic. */
    record SesEvents() implements Trigger {
    }
}
