"""The dashboard's library: data access, filters, chart builders, theme and translations."""
