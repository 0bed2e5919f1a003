DELETE FROM rate_limit WHERE tat_micros <= :now
