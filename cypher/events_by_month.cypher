// Events of one year by month: how many started in each month and which (an
// event dated only to the year counts under the year alone).
//
// :param year => 2024
MATCH (e:Event)
WHERE e.start_date >= date({year: $year, month: 1, day: 1}) AND e.start_date <= date({year: $year, month: 12, day: 31})
WITH e, CASE e.start_date_precision WHEN 'year' THEN left(toString(e.start_date), 4)
                                    ELSE left(toString(e.start_date), 7) END AS month
ORDER BY e.name
RETURN month, count(DISTINCT e) AS events, collect(DISTINCT e.name) AS event_names
ORDER BY month;
