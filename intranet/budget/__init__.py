"""Budget: the accounts of Sachkonto 549904 per year, reservations at approval, actual costs,
and the exports for the treasury."""
