"""Leave types, allocations, public holidays, requests and balances."""
