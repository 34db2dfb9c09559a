package awslocal

import (
	"bytes"
	"encoding/json"
	"maps"
	"sync"
)

// tables are the DynamoDB tables, each a map from the JSON of an item's
// hash key value (such as {"S":"42"}) to the item.
type tables struct {
	mu     sync.Mutex
	byName map[string]*table
}

type table struct {
	hashKey string
	items   map[string]map[string]json.RawMessage
}

func newTables() *tables { return &tables{byName: map[string]*table{}} }

func (ts *tables) create(name, hashKey string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.byName[name] = &table{hashKey: hashKey, items: map[string]map[string]json.RawMessage{}}
}

// Item returns a copy of the item of table whose hash key is the string
// key, as attribute values in DynamoDB's JSON ({"S":"..."}), or nil.
func (s *Server) Item(tableName, key string) map[string]json.RawMessage {
	k, _ := json.Marshal(map[string]string{"S": key})
	s.tables.mu.Lock()
	defer s.tables.mu.Unlock()
	if t := s.tables.byName[tableName]; t != nil {
		return maps.Clone(t.items[string(k)])
	}
	return nil
}

// lookup returns the table and the key of an item or key map.
func (ts *tables) lookup(name string, attrs map[string]json.RawMessage) (*table, string, error) {
	t := ts.byName[name]
	if t == nil {
		return nil, "", notFound("ResourceNotFoundException", "Requested resource not found: Table: %s not found", name)
	}
	v, ok := attrs[t.hashKey]
	if !ok {
		return nil, "", notFound("ValidationException", "One of the required keys was not given a value: %s", t.hashKey)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil {
		return nil, "", err
	}
	return t, b.String(), nil
}

func (ts *tables) putItem(body []byte) (any, error) {
	var in struct {
		TableName string
		Item      map[string]json.RawMessage
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t, key, err := ts.lookup(in.TableName, in.Item)
	if err != nil {
		return nil, err
	}
	t.items[key] = in.Item
	return struct{}{}, nil
}

func (ts *tables) getItem(body []byte) (any, error) {
	var in struct {
		TableName string
		Key       map[string]json.RawMessage
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t, key, err := ts.lookup(in.TableName, in.Key)
	if err != nil {
		return nil, err
	}
	type out struct {
		Item map[string]json.RawMessage `json:",omitempty"`
	}
	return out{Item: t.items[key]}, nil
}
