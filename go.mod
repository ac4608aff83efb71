module casebook

go 1.26.8
