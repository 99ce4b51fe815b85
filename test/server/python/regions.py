"""boto3 clients for two regions against one emulator server.

Usage: python3 regions.py ENDPOINT_URL
Prints one JSON object: the ARN an eu-west-1 client gets, and what a us-west-2 client sees of it.
"""
import json
import sys

import boto3


def client(region):
    return boto3.client(
        "ivschat",
        endpoint_url=sys.argv[1],
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


dublin = client("eu-west-1")
oregon = client("us-west-2")
result = {}

room = dublin.create_room(name="dublin")
result["arn"] = room["arn"]
result["dublinGet"] = dublin.get_room(identifier=room["arn"])["arn"]
result["dublinList"] = [r["arn"] for r in dublin.list_rooms()["rooms"]]
result["oregonList"] = [r["arn"] for r in oregon.list_rooms(name="dublin")["rooms"]]
try:
    oregon.get_room(identifier=room["arn"])
except oregon.exceptions.ResourceNotFoundException as error:
    result["oregonGet"] = {
        "code": error.response["Error"]["Code"],
        "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        "resourceId": error.response.get("resourceId"),
    }
token = dublin.create_chat_token(roomIdentifier=room["arn"], userId="dubliner")
result["token"] = token["token"]

print(json.dumps(result))
