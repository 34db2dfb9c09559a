package lambdaenv

import "testing"

func TestIn(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{FunctionName: "orders"}, true},
		{map[string]string{FunctionName: ""}, false},
		{map[string]string{}, false},
	} {
		getenv := func(k string) string { return tc.env[k] }
		if got := In(getenv); got != tc.want {
			t.Errorf("In(%v) = %v, want %v", tc.env, got, tc.want)
		}
		if got := Name(getenv); got != tc.env[FunctionName] {
			t.Errorf("Name(%v) = %q", tc.env, got)
		}
	}
}
