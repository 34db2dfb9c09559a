package lambdaenv

import (
	"os"
	"testing"
)

func TestParseARN(t *testing.T) {
	for _, tc := range []struct {
		arn  string
		want ARN
		ok   bool
	}{
		{"arn:aws:lambda:eu-west-1:123:function:pay", ARN{Region: "eu-west-1", Account: "123", Name: "pay", Function: "arn:aws:lambda:eu-west-1:123:function:pay"}, true},
		{"arn:aws:lambda:eu-west-1:123:function:pay:$LATEST", ARN{Region: "eu-west-1", Account: "123", Name: "pay", Qualifier: "$LATEST", Function: "arn:aws:lambda:eu-west-1:123:function:pay"}, true},
		{"arn:aws:lambda:eu-west-1:123:function:pay:live:extra", ARN{Region: "eu-west-1", Account: "123", Name: "pay", Qualifier: "live", Function: "arn:aws:lambda:eu-west-1:123:function:pay"}, true},
		{"arn:aws:lambda:eu-west-1:123:function", ARN{}, false},
		{"", ARN{}, false},
	} {
		if got, ok := ParseARN(tc.arn); got != tc.want || ok != tc.ok {
			t.Errorf("ParseARN(%q) = %+v, %t; want %+v, %t", tc.arn, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRuntime(t *testing.T) {
	file := func(s string) func(string) ([]byte, error) {
		return func(string) ([]byte, error) { return []byte(s), nil }
	}
	for _, tc := range []struct {
		env  string
		read func(string) ([]byte, error)
		want string
	}{
		{"AWS_Lambda_java21", nil, "java21"},
		{"", file("NAME=\"Amazon Linux\"\nVERSION_ID=\"2023\"\nID=\"amzn\"\n"), "provided.al2023"},
		{"", file("ID=amzn\nVERSION_ID=2\n"), "provided.al2"},
		{"", file("ID=debian\nVERSION_ID=12\n"), ""},
		{"", func(string) ([]byte, error) { return nil, os.ErrNotExist }, ""},
		{"", nil, ""},
	} {
		getenv := func(k string) string { return map[string]string{ExecutionEnv: tc.env}[k] }
		if got := Runtime(getenv, tc.read); got != tc.want {
			t.Errorf("Runtime(%q) = %q, want %q", tc.env, got, tc.want)
		}
	}
}
