module github.com/structlint/structlint/runtime

go 1.21
