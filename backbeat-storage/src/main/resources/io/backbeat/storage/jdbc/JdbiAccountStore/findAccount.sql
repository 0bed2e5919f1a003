SELECT * FROM account WHERE id = :id
