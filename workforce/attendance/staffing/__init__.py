"""Staffing requirement per 30-minute interval: Erlang C for inbound calls,
workload from the outbound portfolio, the intraday reforecast. Pure modules,
no Django import."""
