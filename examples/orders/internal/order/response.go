package order

import (
	"encoding/json"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
)

// JSON is an API Gateway response with v as its JSON body.
func JSON(status int, v any) events.APIGatewayProxyResponse {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"message":"encoding the response failed"}`)
	}
	return events.APIGatewayProxyResponse{StatusCode: status, Body: string(b),
		Headers: map[string]string{"Content-Type": "application/json"}}
}

// Error is an API Gateway response with {"message": msg}.
func Error(status int, msg string) events.APIGatewayProxyResponse {
	return JSON(status, map[string]string{"message": msg})
}
