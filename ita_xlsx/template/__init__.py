"""Division workbooks: what a clerk opens, fills and sends back."""
