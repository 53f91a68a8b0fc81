"""The sync benchmark's parts: generate, serve, run the readers, measure, report. `bench/run` joins them."""
