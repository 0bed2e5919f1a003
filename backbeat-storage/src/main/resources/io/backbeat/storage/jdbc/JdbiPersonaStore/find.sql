SELECT * FROM persona WHERE id = :id
