package awssdk

import (
	"reflect"
	"testing"

	"go.opentelemetry.io/otel/attribute"
)

// Stand-ins for SDK v2 inputs and outputs of services whose clients the
// module does not depend on; the field names and types are the SDK's.
type (
	putEventsEntry struct {
		EventBusName *string
		Detail       *string
	}
	putEventsInput struct {
		Entries    []putEventsEntry
		EndpointId *string
	}
	putEventsOutput struct {
		FailedEntryCount int32
	}
	putRecordsInput struct {
		Records    []struct{ Data []byte }
		StreamName *string
		StreamARN  *string
	}
	startExecutionInput struct {
		StateMachineArn *string
		Input           *string
		Name            *string
	}
	startExecutionOutput struct {
		ExecutionArn *string
	}
	getSecretValueInput struct {
		SecretId     *string
		VersionStage *string
	}
	getSecretValueOutput struct {
		ARN          *string
		SecretString *string
		SecretBinary []byte
	}
	// A shape with every kind of field a whitelist might name.
	everything struct {
		Str       *string
		Plain     string
		Zero      int32
		Num       *int64
		Flag      *bool
		Ratio     *float64
		Enum      kindOfThing
		Names     []string
		Enums     []kindOfThing
		Nums      []int
		Bytes     []byte
		Map       map[string]string
		Struct    struct{ A *string }
		Nil       *string
		Iface     any
		Message   *string // a content field
		unexpored *string
	}
	kindOfThing string
)

func ptr[T any](v T) *T { return &v }

func TestParamsOfOtherServices(t *testing.T) {
	p := &params{whitelist: &Whitelist{}}
	tests := []struct {
		name        string
		service, op string
		in, out     any
		want        []attribute.KeyValue
	}{
		{"EventBridge PutEvents on one bus", "EventBridge", "PutEvents",
			&putEventsInput{Entries: []putEventsEntry{{EventBusName: ptr("orders"), Detail: ptr("secret")}, {EventBusName: ptr("orders")}}},
			&putEventsOutput{FailedEntryCount: 1},
			[]attribute.KeyValue{attribute.String("aws.event_bus_name", "orders"), attribute.Int("aws.entry_count", 2),
				attribute.Int64("aws.failed_entry_count", 1)}},
		{"EventBridge PutEvents on several buses, one by default", "EventBridge", "PutEvents",
			&putEventsInput{Entries: []putEventsEntry{{EventBusName: ptr("orders")}, {}, {EventBusName: ptr("arn:aws:events:eu-west-1:1:event-bus/audit")}}},
			&putEventsOutput{},
			[]attribute.KeyValue{attribute.StringSlice("aws.event_bus_names", []string{"orders", "default", "arn:aws:events:eu-west-1:1:event-bus/audit"}),
				attribute.Int("aws.entry_count", 3)}},
		{"Kinesis PutRecords", "Kinesis", "PutRecords",
			&putRecordsInput{Records: make([]struct{ Data []byte }, 3), StreamName: ptr("clicks")}, nil,
			[]attribute.KeyValue{attribute.Int("aws.record_count", 3), attribute.String("aws.stream_name", "clicks")}},
		{"Step Functions StartExecution", "SFN", "StartExecution",
			&startExecutionInput{StateMachineArn: ptr("arn:aws:states:eu-west-1:1:stateMachine:checkout"), Input: ptr(`{"card":"secret"}`)},
			&startExecutionOutput{ExecutionArn: ptr("arn:aws:states:eu-west-1:1:execution:checkout:1")},
			[]attribute.KeyValue{attribute.String("aws.state_machine_arn", "arn:aws:states:eu-west-1:1:stateMachine:checkout"),
				attribute.String("aws.execution_arn", "arn:aws:states:eu-west-1:1:execution:checkout:1")}},
		{"Secrets Manager GetSecretValue", "Secrets Manager", "GetSecretValue",
			&getSecretValueInput{SecretId: ptr("prod/db"), VersionStage: ptr("AWSCURRENT")},
			&getSecretValueOutput{ARN: ptr("arn"), SecretString: ptr("hunter2"), SecretBinary: []byte("hunter2")},
			[]attribute.KeyValue{attribute.String("aws.secret_id", "prod/db")}},
		{"nil input and output", "SFN", "StartExecution", (*startExecutionInput)(nil), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.request(nil, tt.service, tt.op, tt.in)
			got = p.response(got, tt.service, tt.op, tt.out)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestParamKinds checks what a whitelist can make of each kind of field:
// scalars, lists of strings, keys and counts; never structs, byte slices
// or content fields.
func TestParamKinds(t *testing.T) {
	w, err := ParseWhitelist([]byte(`{"services":{"test":{"operations":{"Op":{
		"request_parameters":["Str","Plain","Zero","Num","Flag","Ratio","Enum","Names","Enums","Nums","Bytes","Map","Struct","Nil","Iface","Message","unexpored","Missing"],
		"request_descriptors":{"Map":{"map":true,"get_keys":true,"rename_to":"map_keys"},"Names":{"list":true,"get_count":true,"rename_to":"name_count"},
			"Nil":{"value":true,"rename_to":"renamed_nil"},"Bytes":{"list":true,"get_count":true,"rename_to":"byte_count"}}}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	in := &everything{
		Str: ptr("s"), Plain: "p", Num: ptr(int64(7)), Flag: ptr(false), Ratio: ptr(0.25), Enum: "ALL",
		Names: []string{"a", "b"}, Enums: []kindOfThing{"X"}, Nums: []int{1}, Bytes: []byte("secret"),
		Map: map[string]string{"k2": "secret", "k1": "secret"}, Struct: struct{ A *string }{ptr("secret")},
		Iface: "secret", Message: ptr("secret"), unexpored: ptr("secret"),
	}
	got := (&params{whitelist: w}).request(nil, "test", "Op", in)
	want := []attribute.KeyValue{
		attribute.String("aws.str", "s"), attribute.String("aws.plain", "p"), attribute.Int64("aws.num", 7),
		attribute.Bool("aws.flag", false), attribute.Float64("aws.ratio", 0.25), attribute.String("aws.enum", "ALL"),
		attribute.StringSlice("aws.names", []string{"a", "b"}), attribute.StringSlice("aws.enums", []string{"X"}),
		attribute.Int("aws.byte_count", 6), attribute.StringSlice("aws.map_keys", []string{"k1", "k2"}),
		attribute.Int("aws.name_count", 2),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

func TestParamsCache(t *testing.T) {
	p := &params{whitelist: &Whitelist{}}
	in := &startExecutionInput{StateMachineArn: ptr("sm")}
	for range 3 {
		if got := p.request(nil, "SFN", "StartExecution", in); len(got) != 1 {
			t.Fatalf("got %v", got)
		}
	}
	n := 0
	p.req.Range(func(any, any) bool { n++; return true })
	if n != 1 {
		t.Errorf("%d compiled types, want 1", n)
	}
	if allocs := testing.AllocsPerRun(100, func() { p.request(make([]attribute.KeyValue, 0, 4), "SFN", "StartExecution", in) }); allocs > 1 {
		t.Errorf("%v allocations per cached extraction", allocs)
	}
}
