"""Reports: experience reports, certificates, Europass Mobility data, the committee report with its
tables and charts, the calendar of stays and its iCalendar feeds."""
