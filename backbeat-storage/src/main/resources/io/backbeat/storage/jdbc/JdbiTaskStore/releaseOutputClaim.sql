-- a failed or canceled task gives its one-per-source output back
DELETE FROM output_claim WHERE task_id = :id
