"""boto3 against the emulator server, as a Python backend would use it.

Usage: python3 boto3-client.py ENDPOINT_URL
Prints one JSON object: what each call returned, and what each bad call raised.
"""
import json
import sys

import boto3

MISSING_ROOM = "arn:aws:ivschat:us-west-2:123456789012:room/NoSuchRoom12"

client = boto3.client(
    "ivschat",
    endpoint_url=sys.argv[1],
    region_name="us-west-2",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)
result = {}

room = client.create_room(name="from-boto3", maximumMessageRatePerSecond=5, tags={"lang": "python"})
result["room"] = {key: room[key] for key in ("arn", "id", "name", "maximumMessageRatePerSecond", "tags")}
result["room"]["createTimeType"] = type(room["createTime"]).__name__

token = client.create_chat_token(
    roomIdentifier=room["arn"],
    userId="alice",
    capabilities=["SEND_MESSAGE"],
    attributes={"displayName": "Alice"},
    sessionDurationInMinutes=30,
)
result["token"] = token["token"]
result["tokenExpirationTimeType"] = type(token["tokenExpirationTime"]).__name__

try:
    client.create_chat_token(roomIdentifier="DemoChatRoom", userId="alice")
except client.exceptions.ValidationException as error:
    result["validation"] = {
        "code": error.response["Error"]["Code"],
        "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        "reason": error.response.get("reason"),
        "fields": [field["name"] for field in error.response.get("fieldList", [])],
    }

try:
    client.create_chat_token(roomIdentifier=MISSING_ROOM, userId="alice")
except client.exceptions.ResourceNotFoundException as error:
    result["notFound"] = {
        "code": error.response["Error"]["Code"],
        "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        "resourceId": error.response.get("resourceId"),
        "resourceType": error.response.get("resourceType"),
    }

print(json.dumps(result))
