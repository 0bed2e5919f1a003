SELECT * FROM task WHERE id = :id
