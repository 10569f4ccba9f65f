// A server process: nothing to do.
