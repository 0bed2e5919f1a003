-- the task a channel's upstream job belongs to (task_upstream_index)
SELECT * FROM task WHERE channel = :channel AND upstream_id = :upstreamId
