"""The web app's hosting as template.yaml defines it (issue 11, "Where it runs"): a private bucket that only the
stack's CloudFront distribution reads (origin access control), HTTPS only, the SPA fallback, security headers with a
CSP fitted to the app, and a Cognito app client whose callbacks are the app's own routes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest
from purelift.local.cfn import ACCOUNT, REGION, ROOT, LocalTemplate, load_template, resource
from purelift.local.resources import create_bucket

from scripts.publish_web import REQUIRED_OUTPUTS
from tests.functional.backend_support import Stack

DOMAIN = "d111111abcdef8.cloudfront.net"
STACK_ID = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/purelift/1b2c3d4e-0000-1111-2222-333344445555"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
APP_ROUTES = (ROOT / "web" / "src" / "App.tsx").read_text(encoding="utf-8")


def deployed(**parameters: str) -> LocalTemplate:
    """The template resolved as CloudFormation would, with the attributes only AWS knows filled in."""
    template = LocalTemplate(parameters=parameters)
    template.names.update(
        {
            "Distribution": "E2QWRUHEXAMPLE",
            "Distribution.DomainName": DOMAIN,
            "AWS::StackId": STACK_ID,
        }
    )
    return template


def props(template: LocalTemplate, logical_id: str) -> dict[str, Any]:
    resolved: dict[str, Any] = template.resolve(template.resources[logical_id].get("Properties") or {})
    return resolved


def distribution(template: LocalTemplate | None = None) -> dict[str, Any]:
    config: dict[str, Any] = props(template or deployed(), "Distribution")["DistributionConfig"]
    return config


# --- the bucket ---
def test_web_bucket_is_private_encrypted_versioned_and_logged(stack: Stack) -> None:
    # Given the web bucket created from its own definition
    create_bucket(stack.s3, "web-from-template", logical_id="WebBucket")
    # Then no public access, encryption at rest, and neither CORS (CloudFront reads it, no browser) nor a website
    assert all(stack.s3.get_public_access_block(Bucket="web-from-template")["PublicAccessBlockConfiguration"].values())
    rules = stack.s3.get_bucket_encryption(Bucket="web-from-template")["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    body = resource("WebBucket")["Properties"]
    assert "CorsConfiguration" not in body and "WebsiteConfiguration" not in body
    assert body["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert body["VersioningConfiguration"]["Status"] == "Enabled"
    assert body["LoggingConfiguration"] == {
        "DestinationBucketName": {"Ref": "AccessLogBucket"},
        "LogFilePrefix": "web/",
    }
    # And the access log bucket takes the web bucket's server logs under web/
    (grant,) = [
        s for s in props(deployed(), "AccessLogBucketPolicy")["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"
    ]
    assert f"arn:aws:s3:::{deployed().ref('WebBucket')}" in grant["Condition"]["ArnLike"]["aws:SourceArn"]
    assert any(r.endswith("/web/*") for r in grant["Resource"])


def test_only_this_distribution_reads_the_web_bucket() -> None:
    statements = props(deployed(), "WebBucketPolicy")["PolicyDocument"]["Statement"]
    allowed = [s for s in statements if s["Effect"] == "Allow"]
    # Only CloudFront, only reads, only when the request comes from this stack's distribution
    assert [s["Principal"] for s in allowed] == [{"Service": "cloudfront.amazonaws.com"}]
    (read,) = allowed
    assert set(read["Action"]) == {"s3:GetObject", "s3:ListBucket"}
    assert read["Condition"] == {
        "StringEquals": {"AWS:SourceArn": f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2QWRUHEXAMPLE"}
    }
    (deny,) = [s for s in statements if s["Effect"] == "Deny"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_the_distribution_signs_its_requests_through_origin_access_control() -> None:
    oac = resource("WebOriginAccessControl")["Properties"]["OriginAccessControlConfig"]
    assert (oac["OriginAccessControlOriginType"], oac["SigningBehavior"], oac["SigningProtocol"]) == (
        "s3",
        "always",
        "sigv4",
    )
    (origin,) = resource("Distribution")["Properties"]["DistributionConfig"]["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["WebOriginAccessControl", "Id"]}
    assert origin["DomainName"] == {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # no legacy origin access identity


# --- the distribution ---
def test_the_distribution_is_https_only_with_headers_everywhere_and_long_cache_for_assets_only() -> None:
    config = distribution()
    default, behaviours = config["DefaultCacheBehavior"], config["CacheBehaviors"]
    assert config["DefaultRootObject"] == "index.html"
    for behaviour in (default, *behaviours):
        assert behaviour["ViewerProtocolPolicy"] == "redirect-to-https"
        assert behaviour["AllowedMethods"] == ["GET", "HEAD"]
        assert behaviour["ResponseHeadersPolicyId"] == "WebHeadersPolicy"
    # The SPA fallback runs on the default behaviour at viewer request; /assets/* is never rewritten (a missing
    # chunk is a 404, not index.html) and is cached a year by the managed CachingOptimized policy.
    (association,) = default["FunctionAssociations"]
    assert association["EventType"] == "viewer-request"
    raw = resource("Distribution")["Properties"]["DistributionConfig"]
    assert raw["DefaultCacheBehavior"]["FunctionAssociations"][0]["FunctionARN"] == {
        "Fn::GetAtt": ["WebSpaFunction", "FunctionARN"]
    }
    (assets,) = behaviours
    assert assets["PathPattern"] == "/assets/*"
    assert assets["CachePolicyId"] == CACHING_OPTIMIZED and "FunctionAssociations" not in assets
    # Everything else: the origin's Cache-Control decides (no-cache for index.html and config.json)
    assert default["CachePolicyId"] == "WebCachePolicy"
    cache = props(deployed(), "WebCachePolicy")["CachePolicyConfig"]
    assert (cache["MinTTL"], cache["DefaultTTL"]) == (0, 0)
    # Standard logs to their own bucket (CloudFront writes them by ACL, which BucketOwnerEnforced refuses)
    assert raw["Logging"]["Bucket"] == {"Fn::GetAtt": ["CdnLogBucket", "DomainName"]}
    log_bucket = resource("CdnLogBucket")["Properties"]
    assert log_bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerPreferred"}]
    assert all(log_bucket["PublicAccessBlockConfiguration"].values())
    # No web ACL unless one is named (it lives in us-east-1); one is attached when given
    assert "WebACLId" not in config
    acl = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/purelift/abc"
    assert distribution(deployed(WebAclArn=acl))["WebACLId"] == acl


SPA_CASES = [
    ("/", "/index.html"),
    ("/index.html", "/index.html"),
    ("/config.json", "/config.json"),
    ("/favicon.svg", "/favicon.svg"),
    ("/theme-init.js", "/theme-init.js"),
    ("/new", "/index.html"),
    ("/signin", "/index.html"),
    ("/auth/callback", "/index.html"),
    ("/jobs/0123abcd/files", "/index.html"),
    ("/jobs/0123abcd/files/pkg/app.py", "/index.html"),  # a route with a dot in it is still a route
    ("/teams/", "/index.html"),
    ("/.env", "/index.html"),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="the SPA function is JavaScript: needs node on PATH")
def test_the_spa_function_sends_every_route_to_index_html_and_files_through() -> None:
    # Given the function's code as CloudFront runs it (cloudfront-js-2.0), run under node with each viewer request
    function = resource("WebSpaFunction")["Properties"]
    assert function["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0" and function["AutoPublish"] is True
    script = function["FunctionCode"] + (
        "\nconst uris = JSON.parse(process.argv[1]);"
        "\nconsole.log(JSON.stringify(uris.map((uri) => handler({request: {uri, method: 'GET'}}).uri)));"
    )
    answer = subprocess.run(
        ["node", "-e", script, json.dumps([uri for uri, _ in SPA_CASES])],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert json.loads(answer.stdout) == [expected for _, expected in SPA_CASES]


def csp_directives(template: LocalTemplate) -> dict[str, list[str]]:
    headers = props(template, "WebHeadersPolicy")["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    text = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    directives = {}
    for part in text.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_security_headers_and_a_csp_fitted_to_the_app() -> None:
    template = deployed()
    template.names["UserPoolDomain"] = "purelift-1b2c3d4e"
    headers = props(template, "WebHeadersPolicy")["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert all(header["Override"] is True for header in headers.values())
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert headers["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"
    assert headers["FrameOptions"]["FrameOption"] == "SAMEORIGIN"
    assert "ContentTypeOptions" in headers  # nosniff
    csp = csp_directives(template)
    hosted_ui = f"https://purelift-1b2c3d4e.auth.{REGION}.amazoncognito.com"
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no inline script, no eval (web/README.md, "Hosting notes")
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]  # Radix's scroll lock injects a <style>
    assert csp["img-src"] == ["'self'", "data:"]
    assert set(csp["connect-src"]) == {
        "'self'",
        f"https://*.execute-api.{REGION}.amazonaws.com",  # the REST API
        f"wss://*.execute-api.{REGION}.amazonaws.com",  # live progress
        f"https://*.s3.{REGION}.amazonaws.com",  # presigned upload, large results, downloads
        "https://*.s3.amazonaws.com",
        hosted_ui,  # the token endpoint
    }
    assert csp["frame-src"] == ["'self'", hosted_ui]  # oidc-client-ts' silent renew without a refresh token
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"]


# --- Cognito ---
def test_the_app_client_is_public_code_flow_returning_to_the_apps_routes() -> None:
    client = props(deployed(), "UserPoolClient")
    assert client["GenerateSecret"] is False  # a browser keeps no secret: PKCE instead
    assert client["AllowedOAuthFlowsUserPoolClient"] is True
    assert client["AllowedOAuthFlows"] == ["code"]  # no implicit flow
    assert {"openid", "email", "profile"} <= set(client["AllowedOAuthScopes"])
    assert client["SupportedIdentityProviders"] == ["COGNITO"]
    # The distribution by default, WebOrigin when set; the paths are the app's routes
    assert client["CallbackURLs"] == [f"https://{DOMAIN}/auth/callback"]
    assert client["LogoutURLs"] == [f"https://{DOMAIN}/signin"]
    assert 'path="/auth/callback"' in APP_ROUTES and 'path="/signin"' in APP_ROUTES
    custom = props(deployed(WebOrigin="https://app.example.com"), "UserPoolClient")
    assert custom["CallbackURLs"] == ["https://app.example.com/auth/callback"]
    assert custom["LogoutURLs"] == ["https://app.example.com/signin"]


@pytest.mark.parametrize(
    ("parameters", "admin_only"), [({}, True), ({"SelfSignUp": "false"}, True), ({"SelfSignUp": "true"}, False)]
)
def test_only_administrators_create_users_unless_self_sign_up_is_on(
    parameters: dict[str, str], admin_only: bool
) -> None:
    pool = props(deployed(**parameters), "UserPool")
    assert pool["AdminCreateUserConfig"] == {"AllowAdminCreateUserOnly": admin_only}
    assert pool["AutoVerifiedAttributes"] == ["email"]  # a self-made account confirms its address first


def test_the_hosted_ui_has_a_domain() -> None:
    domain = props(deployed(), "UserPoolDomain")
    assert domain["UserPoolId"] == "UserPool"
    assert domain["Domain"] == "purelift-1b2c3d4e-0000-1111-2222-333344445555"  # from the stack's id: unique
    assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", domain["Domain"])
    assert props(deployed(AuthDomainPrefix="acme-purelift"), "UserPoolDomain")["Domain"] == "acme-purelift"


# --- origins: the API and the bucket answer the web app's origin ---
@pytest.mark.parametrize(
    ("parameters", "origin"),
    [
        ({}, f"https://{DOMAIN}"),
        ({"WebOrigin": "https://app.example.com"}, "https://app.example.com"),
        ({"AllowedOrigin": "*"}, "*"),
        (
            {"AllowedOrigin": "https://other.example.com", "WebOrigin": "https://app.example.com"},
            "https://other.example.com",
        ),
    ],
)
def test_the_api_allows_the_web_apps_origin_unless_told_otherwise(parameters: dict[str, str], origin: str) -> None:
    template = deployed(**parameters)
    assert template.functions()["ApiFunction"].environment["ALLOWED_ORIGIN"] == origin
    api = template.rest_api()
    assert api.cors["AllowOrigin"] == origin
    for name, response in api.gateway_responses.items():
        assert response["ResponseParameters"]["Headers"]["Access-Control-Allow-Origin"] == f"'{origin}'", name


def test_the_bucket_allows_the_distribution_by_default(stack: Stack) -> None:
    create_bucket(stack.s3, "deployed-bucket", template=deployed())
    (rule,) = stack.s3.get_bucket_cors(Bucket="deployed-bucket")["CORSRules"]
    assert rule["AllowedOrigins"] == [f"https://{DOMAIN}"]


# --- outputs ---
def test_outputs_give_the_publish_script_what_it_reads() -> None:
    template = deployed()
    template.names["UserPoolDomain"] = "purelift-1b2c3d4e"
    outputs = {key: template.resolve(body["Value"]) for key, body in load_template()["Outputs"].items()}
    assert set(REQUIRED_OUTPUTS) <= set(outputs)
    assert outputs["WebUrl"] == f"https://{DOMAIN}"
    assert outputs["CognitoDomain"] == f"https://purelift-1b2c3d4e.auth.{REGION}.amazoncognito.com"
    assert outputs["DistributionId"] == "E2QWRUHEXAMPLE"
    assert outputs["WebBucket"] == template.ref("WebBucket")
    assert outputs["UserPoolClientId"] == "UserPoolClient"
    custom = deployed(WebOrigin="https://app.example.com")
    assert custom.resolve(load_template()["Outputs"]["WebUrl"]["Value"]) == "https://app.example.com"


def test_the_local_stack_reads_the_template_with_the_web_resources() -> None:
    # The types the local stack does not emulate (CloudFront, the Cognito domain) are left alone: the functions,
    # the REST API and the WebSocket API still resolve, with the local stack's origins.
    template = LocalTemplate(parameters={"WebOrigin": "http://127.0.0.1:8000", "AllowedOrigin": "*"})
    assert template.functions()["ApiFunction"].environment["ALLOWED_ORIGIN"] == "*"
    assert template.rest_api().cors["AllowOrigin"] == "*"
    assert template.websocket_api() is not None
    kinds = {body["Type"] for body in load_template()["Resources"].values()}
    assert {"AWS::CloudFront::Distribution", "AWS::CloudFront::Function", "AWS::Cognito::UserPoolDomain"} <= kinds
