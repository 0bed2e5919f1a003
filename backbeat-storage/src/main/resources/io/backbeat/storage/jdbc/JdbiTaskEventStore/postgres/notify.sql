-- delivered to every listening node when the transaction commits, never before (nor on rollback)
SELECT pg_notify('backbeat_task_events', :payload)
