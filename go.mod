module github.com/motcua/motcua

go 1.26.8

require (
	cel.dev/cel-go v0.33.2 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
