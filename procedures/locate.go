package procedures

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// at reports a problem at the node a field path leads to in root, such as
// fees.items[1].percent, or at the nearest node on the way when the field was
// left out.
func (r *report) at(root *yaml.Node, path, format string, args ...any) {
	n := locate(root, path)
	r.add(n.Line, n.Column, path, format, args...)
}

func locate(n *yaml.Node, path string) *yaml.Node {
	for n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			next := field(n, name)
			if next == nil {
				return n
			}
			n = next
		}
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			i, err := strconv.Atoi(idx)
			if err != nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
				return n
			}
			n = n.Content[i]
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return n
}

// field returns the value of a key in a mapping node, or nil.
func field(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
