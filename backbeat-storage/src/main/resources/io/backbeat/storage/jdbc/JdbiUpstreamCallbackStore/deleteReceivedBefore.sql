DELETE FROM upstream_callback WHERE received_at < :cutoff
