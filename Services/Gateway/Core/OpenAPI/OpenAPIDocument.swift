/// The OpenAPI 3.1 document of the gateway, served at `/openapi.yaml`. Kept in Swift (no
/// resource bundle to ship); `OpenAPITests` checks it lists exactly the routes the server registers.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: Songdal gateway API
  version: 1.0.0
  description: |
    Certified electronic notices: documents in the vault, notices and campaigns, invoices, guarantee reminders,
    the recipient's reading pages and the operator dashboard. Errors are application/problem+json with a stable
    `code` (e.g. missing_api_key, invalid_api_key, insufficient_scope, rate_limited, body_too_large, malformed_json,
    missing_field, invalid_field, csv_malformed, not_found, route_not_found, idempotency_conflict, service_unavailable,
    upstream_timeout). Another institution's id answers 404 exactly like an unknown one.
servers:
  - url: http://127.0.0.1:8080
security:
  - apiKey: []
paths:
  /healthz:
    get:
      summary: 'Bus and per-service health (503 when degraded)'
      security: []
      responses:
        '200':
          description: 'All services answer'
          content:
            application/json:
              schema: {type: object}
        default:
          $ref: '#/components/responses/Problem'
  /metrics:
    get:
      summary: 'Prometheus metrics (requests, latencies, bus round trips, outbox depth per service)'
      security: []
      responses:
        '200':
          description: 'OK'
          content:
            text/plain:
              schema: {type: string}
        default:
          $ref: '#/components/responses/Problem'
  /openapi.yaml:
    get:
      summary: 'This document'
      security: []
      responses:
        '200':
          description: 'OK'
          content:
            application/yaml:
              schema: {type: string}
        default:
          $ref: '#/components/responses/Problem'
  /v1/certificates/{serial}/verification:
    get:
      summary: 'Verify a vault certificate online by serial (public); a sandbox certificate fails (sandbox_certificate) unless allowSandbox=true'
      security: []
      parameters:
        - name: serial
          in: path
          required: true
          description: 'Certificate serial (hex)'
          schema: {type: string}
        - name: allowSandbox
          in: query
          required: false
          description: 'true: check a sandbox certificate as a sandbox certificate (never as evidence)'
          schema: {type: boolean}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '404':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '503':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/vault/keys:
    get:
      summary: 'The vault''s signing-key history and TSA certificate, for offline verification'
      security: []
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        default:
          $ref: '#/components/responses/Problem'
  /v1/keys:
    post:
      summary: 'Create an API key (operator); the plaintext is returned once'
      security: [{apiKey: []}]
      x-scopes: [operator]
      requestBody:
        required: true
        description: '{scope, institution?, label?, sandbox? (institution keys only: an sdk_test_ key whose notices run against the simulator, unbilled)}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/institutions:
    post:
      summary: 'Onboard an institution (operator): its billing subscription and, unless createKey is false, its first API key (shown once)'
      security: [{apiKey: []}]
      x-scopes: [operator]
      requestBody:
        required: true
        description: '{institution, name?, plan? (basic|premium), joinedOn? (YYYY-MM-DD KST), createKey?, createSandboxKey?}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/simulator/inbox:
    post:
      summary: 'What the simulated carriers delivered to a phone (operator); the phone is in the body, never the URL'
      security: [{apiKey: []}]
      x-scopes: [operator]
      requestBody:
        required: true
        description: '{phone, limit?}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/keys/{keyId}:
    delete:
      summary: 'Revoke an API key (operator)'
      security: [{apiKey: []}]
      x-scopes: [operator]
      parameters:
        - name: keyId
          in: path
          required: true
          description: 'Key id (gk_…)'
          schema: {type: string}
      responses:
        '204':
          description: 'OK'
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/documents:
    post:
      summary: 'Upload a document (raw bytes, streamed); metadata in the query'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: fileName
          in: query
          required: true
          description: 'Original file name'
          schema: {type: string}
        - name: title
          in: query
          required: true
          description: 'Title'
          schema: {type: string}
        - name: kind
          in: query
          required: false
          description: 'Declared kind (pdf, hwp, …)'
          schema: {type: string}
        - name: keywords
          in: query
          required: false
          description: 'Comma-separated keywords'
          schema: {type: string}
        - name: description
          in: query
          required: false
          description: 'Description'
          schema: {type: string}
        - name: retentionYears
          in: query
          required: false
          description: 'Retention 1–100 years'
          schema: {type: string}
        - name: packageId
          in: query
          required: false
          description: 'Existing package'
          schema: {type: string}
      requestBody:
        required: true
        description: 'The file'
        content:
          application/octet-stream:
            schema: {type: string}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/documents/{id}:
    get:
      summary: 'Document metadata (owner only; another institution''s id is 404)'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Document id (OID)'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/documents/{id}/content:
    get:
      summary: 'Download the document (owner only)'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Document id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/octet-stream:
              schema: {type: string}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/documents/{id}/certificates:
    post:
      summary: 'Issue an original or registration certificate. The vault re-checks the document first (blob re-hashed, row against its registration leaf, leaves against the signed tree); an altered document gets 502 integrity_failure, no certificate, and is flagged (GET /v1/vault/integrity)'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Document id'
          schema: {type: string}
      requestBody:
        required: true
        description: '{kind: original|registration, requester, purpose, copy?}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/documents/{id}/audit:
    get:
      summary: 'One document re-checked by the vault (blob re-hashed, row against its registration leaf, leaves against the signed tree, certificates re-verified), with the integrity findings recorded against it: {documentId, clean, audit: {documents, leaves, checkpoints, certificates, problems: [{code, documentId, message}]}, integrityFindings: [{documentId, foundAt, operation, code, detail}]}. The owner institution, or an operator'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Document id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '502':
          $ref: '#/components/responses/Problem'
        '504':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/vault/audit:
    get:
      summary: 'The whole vault store re-checked (every blob re-hashed, every row against its leaf, the tree recomputed, every checkpoint and certificate verified); each problem names its document: {documents, leaves, checkpoints, certificates, problems: [{code, documentId, message}]}. May take seconds'
      security: [{apiKey: []}]
      x-scopes: [operator, auditor]
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '502':
          $ref: '#/components/responses/Problem'
        '504':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/vault/integrity:
    get:
      summary: 'Documents flagged because an issuance or destruction was refused with integrity_failure: {flaggedDocuments, findings: [{documentId, foundAt, operation, code, detail}]}'
      security: [{apiKey: []}]
      x-scopes: [operator, auditor]
      parameters:
        - name: limit
          in: query
          required: false
          description: 'At most this many findings, newest first (1–1000, default 50)'
          schema: {type: integer}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '502':
          $ref: '#/components/responses/Problem'
        '504':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/vault/checkpoints:
    get:
      summary: 'The evidence log''s signed checkpoints, oldest first: {checkpoints: [{origin, size, root (base64), keyId, signature (base64), timeStampToken (base64 DER), signedAt}], logSize}; the signed note layout is in the auditor guide §2'
      security: []
      parameters:
        - name: fromSize
          in: query
          required: false
          description: 'Smallest tree size to list (default 0)'
          schema: {type: integer}
        - name: limit
          in: query
          required: false
          description: 'At most this many (1–1000, default 100)'
          schema: {type: integer}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/vault/consistency:
    get:
      summary: 'RFC 9162 consistency proof between the trees of first and second leaves: {first, second, firstRoot, secondRoot (hex), proof: [hex]}; check it against two signed checkpoints'
      security: []
      parameters:
        - name: first
          in: query
          required: true
          description: 'Size of the older tree'
          schema: {type: integer}
        - name: second
          in: query
          required: true
          description: 'Size of the newer tree (at most the log size)'
          schema: {type: integer}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/notices:
    post:
      summary: 'Submit a certified notice (202; a replay with the same Idempotency-Key answers 200)'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: Idempotency-Key
          in: header
          required: false
          description: 'Same key and body → the first notice; different body → 409 idempotency_conflict'
          schema: {type: string}
      requestBody:
        required: true
        description: '{ci | phone, title, coverText, documentId, readDeadline?, channel?, kakaoTemplateCode?, kakaoButtons?, reference?}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '202':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        '409':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/notices/{id}:
    get:
      summary: 'Notice status'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Notice id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/notices/{id}/timeline:
    get:
      summary: 'Every timestamped transition of a notice'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Notice id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/notices/{id}/certificate:
    post:
      summary: 'Issue the delivery certificate (유통증명서) of a notice'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Notice id'
          schema: {type: string}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/campaigns:
    post:
      summary: 'Start a bulk campaign from a CSV upload (streamed)'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: name
          in: query
          required: true
          description: 'Campaign name'
          schema: {type: string}
        - name: title
          in: query
          required: false
          description: 'Default title'
          schema: {type: string}
        - name: coverText
          in: query
          required: false
          description: 'Default cover text'
          schema: {type: string}
        - name: documentId
          in: query
          required: false
          description: 'Default document'
          schema: {type: string}
        - name: readDeadline
          in: query
          required: false
          description: 'ISO-8601 instant'
          schema: {type: string}
        - name: channel
          in: query
          required: false
          description: 'rcs | kakao | sms'
          schema: {type: string}
        - name: kakaoTemplateCode
          in: query
          required: false
          description: 'Template code'
          schema: {type: string}
        - name: Idempotency-Key
          in: header
          required: false
          description: 'Same key and body → the first campaign'
          schema: {type: string}
      requestBody:
        required: true
        description: 'Header row with ci or phone, optional title, cover, document_id, read_deadline, reference'
        content:
          text/csv:
            schema: {type: string}
      responses:
        '202':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
    get:
      summary: 'Campaigns started through this gateway (newest first)'
      security: [{apiKey: []}]
      x-scopes: [institution]
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/campaigns/{id}:
    get:
      summary: 'Campaign progress: counts per notice state and bad rows by line'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Campaign id'
          schema: {type: string}
        - name: badRowLimit
          in: query
          required: false
          description: '0–10000'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/campaigns/{id}/pause:
    post:
      summary: 'Pause a campaign'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Campaign id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        '409':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/campaigns/{id}/resume:
    post:
      summary: 'Resume a campaign'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Campaign id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        '409':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/campaigns/{id}/cancel:
    post:
      summary: 'Cancel a campaign (unsent notices end failed(cancelled))'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: id
          in: path
          required: true
          description: 'Campaign id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        '409':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/providers:
    get:
      summary: 'Channel provider health'
      security: [{apiKey: []}]
      x-scopes: [operator, auditor]
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/invoices/{month}:
    get:
      summary: 'The institution''s invoice for a month as JSON, CSV or HTML'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: month
          in: path
          required: true
          description: 'YYYY-MM'
          schema: {type: string}
        - name: format
          in: query
          required: false
          description: 'json | csv | html (else the Accept header)'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/invoices/{month}/issue:
    post:
      summary: 'Issue (close) the month''s invoices'
      security: [{apiKey: []}]
      x-scopes: [operator]
      parameters:
        - name: month
          in: path
          required: true
          description: 'YYYY-MM'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/usage/{month}:
    get:
      summary: 'Usage summary for a month'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: month
          in: path
          required: true
          description: 'YYYY-MM'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/mileage:
    get:
      summary: 'SMS mileage balance and history'
      security: [{apiKey: []}]
      x-scopes: [institution]
      parameters:
        - name: limit
          in: query
          required: false
          description: 'History entries 0–1000'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/subscribers/sync:
    post:
      summary: 'Upload a carrier subscriber sync file (CSV, streamed); imported in the background'
      security: [{apiKey: []}]
      x-scopes: [operator]
      parameters:
        - name: mode
          in: query
          required: false
          description: 'full | incremental'
          schema: {type: string}
        - name: carrier
          in: query
          required: false
          description: 'KT | SKT | LGU'
          schema: {type: string}
      requestBody:
        required: true
        description: 'Carrier sync file'
        content:
          text/csv:
            schema: {type: string}
      responses:
        '202':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/subscribers/sync/{jobId}:
    get:
      summary: 'Progress and row errors of a sync import'
      security: [{apiKey: []}]
      x-scopes: [operator, auditor]
      parameters:
        - name: jobId
          in: path
          required: true
          description: 'Import job id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/consents:
    post:
      summary: 'Record a person''s consent to disclosure to a third party'
      security: [{apiKey: []}]
      x-scopes: [operator]
      requestBody:
        required: true
        description: '{ci, thirdParty, purpose, fields}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/consents/{consentId}:
    delete:
      summary: 'Withdraw a consent'
      security: [{apiKey: []}]
      x-scopes: [operator]
      parameters:
        - name: consentId
          in: path
          required: true
          description: 'Consent id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/disclosures:
    post:
      summary: 'Disclose to a third party under a recorded consent'
      security: [{apiKey: []}]
      x-scopes: [operator]
      requestBody:
        required: true
        description: '{ci, thirdParty, purpose, fields}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/disclosures/search:
    post:
      summary: 'The disclosure ledger of one person (CI in the body, never in the URL)'
      security: [{apiKey: []}]
      x-scopes: [operator, auditor]
      requestBody:
        required: true
        description: '{ci}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/lawful-access:
    post:
      summary: 'File a lawful-access request with its warrant reference'
      security: [{apiKey: []}]
      x-scopes: [operator]
      requestBody:
        required: true
        description: '{ci, authority, warrantReference, purpose, fields}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/lawful-access/{requestId}/approval:
    post:
      summary: 'Approve a lawful-access request (a second operator)'
      security: [{apiKey: []}]
      x-scopes: [operator]
      parameters:
        - name: requestId
          in: path
          required: true
          description: 'Request id'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        '409':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/guarantees/import:
    post:
      summary: 'Import guarantees with their members (CSV); bad rows reported by line'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      requestBody:
        required: true
        description: 'guarantee_no,business_number,company_name,ceo_name,ceo_mobile,kind,amount,start_date,end_date'
        content:
          text/csv:
            schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/guarantees/issued:
    post:
      summary: 'A guarantee was issued: result SMS to the contact and mileage (queued)'
      security: [{apiKey: []}]
      x-scopes: [institution]
      requestBody:
        required: true
        description: '{guarantee, member, contactMobile}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '202':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/guarantees/runs:
    post:
      summary: 'Run (or dry-run) the daily reminder selection'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      requestBody:
        required: true
        description: '{asOf?, dryRun?}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/guarantees/runs/preview:
    get:
      summary: 'Preview the reminder run for a date'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      parameters:
        - name: asOf
          in: query
          required: false
          description: 'YYYY-MM-DD'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/guarantees/{guaranteeNo}:
    put:
      summary: 'Create or update a guarantee (and its member)'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      parameters:
        - name: guaranteeNo
          in: path
          required: true
          description: 'Guarantee number'
          schema: {type: string}
      requestBody:
        required: true
        description: '{businessNumber, kind, amount, startDate, endDate, member?}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/members/{businessNumber}:
    put:
      summary: 'Create or update a member company'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      parameters:
        - name: businessNumber
          in: path
          required: true
          description: 'Business registration number'
          schema: {type: string}
      requestBody:
        required: true
        description: '{companyName, ceoName, ceoMobile}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/members/{businessNumber}/recipients:
    post:
      summary: 'Add an extra reminder recipient'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      parameters:
        - name: businessNumber
          in: path
          required: true
          description: 'Business registration number'
          schema: {type: string}
      requestBody:
        required: true
        description: '{mobile}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '201':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/members/{businessNumber}/recipients/{recipientKey}:
    delete:
      summary: 'Remove an extra reminder recipient'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      parameters:
        - name: businessNumber
          in: path
          required: true
          description: 'Business registration number'
          schema: {type: string}
        - name: recipientKey
          in: path
          required: true
          description: 'Recipient key'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /v1/members/{businessNumber}/opt-out:
    put:
      summary: 'Opt a member out of (or back into) reminders'
      security: [{apiKey: []}]
      x-scopes: [institution, operator]
      parameters:
        - name: businessNumber
          in: path
          required: true
          description: 'Business registration number'
          schema: {type: string}
      requestBody:
        required: true
        description: '{optedOut}'
        content:
          application/json:
            schema: {type: object}
      responses:
        '200':
          description: 'OK'
          content:
            application/json:
              schema: {type: object}
        '400':
          $ref: '#/components/responses/Problem'
        '401':
          $ref: '#/components/responses/Problem'
        '403':
          $ref: '#/components/responses/Problem'
        '404':
          $ref: '#/components/responses/Problem'
        '413':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /r/{token}:
    get:
      summary: 'Recipient cover page (HTML, Korean)'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            text/html:
              schema: {type: string}
        '404':
          $ref: '#/components/responses/Problem'
        '410':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /r/{token}/otp:
    post:
      summary: 'Send a one-time code by SMS, then redirect to the code form'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
      responses:
        '303':
          description: 'See Other'
        '404':
          $ref: '#/components/responses/Problem'
        '410':
          $ref: '#/components/responses/Problem'
        '423':
          $ref: '#/components/responses/Problem'
        '429':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /r/{token}/code:
    get:
      summary: 'Code entry form'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            text/html:
              schema: {type: string}
        default:
          $ref: '#/components/responses/Problem'
    post:
      summary: 'Check the code; on success set the session cookie and redirect to the terms'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
      requestBody:
        required: true
        description: 'code=NNNNNN'
        content:
          application/x-www-form-urlencoded:
            schema: {type: string}
      responses:
        '303':
          description: 'See Other'
        '422':
          $ref: '#/components/responses/Problem'
        '423':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /r/{token}/terms:
    get:
      summary: 'Terms to consent to (needs the session cookie)'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            text/html:
              schema: {type: string}
        '403':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
    post:
      summary: 'Consent, then redirect to the document'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
      requestBody:
        required: true
        description: 'agree=yes&termsVersion=…'
        content:
          application/x-www-form-urlencoded:
            schema: {type: string}
      responses:
        '303':
          description: 'See Other'
        '403':
          $ref: '#/components/responses/Problem'
        '422':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /r/{token}/document:
    get:
      summary: 'The document page; the first view records the read'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            text/html:
              schema: {type: string}
        '403':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /r/{token}/file:
    get:
      summary: 'The document bytes (PDF and images inline, others as download)'
      security: []
      parameters:
        - name: token
          in: path
          required: true
          description: 'Link token'
          schema: {type: string}
        - name: download
          in: query
          required: false
          description: 'Force a download'
          schema: {type: string}
      responses:
        '200':
          description: 'OK'
          content:
            application/octet-stream:
              schema: {type: string}
        '403':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /dashboard:
    get:
      summary: 'Operator dashboard (cookie from the login form, or an operator/auditor key header)'
      security: []
      responses:
        '200':
          description: 'OK'
          content:
            text/html:
              schema: {type: string}
        '403':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /dashboard/login:
    get:
      summary: 'Login form'
      security: []
      responses:
        '200':
          description: 'OK'
          content:
            text/html:
              schema: {type: string}
        default:
          $ref: '#/components/responses/Problem'
    post:
      summary: 'Log in with an operator or auditor key; sets an HttpOnly session cookie'
      security: []
      requestBody:
        required: true
        description: 'key=…'
        content:
          application/x-www-form-urlencoded:
            schema: {type: string}
      responses:
        '303':
          description: 'See Other'
        '401':
          $ref: '#/components/responses/Problem'
        default:
          $ref: '#/components/responses/Problem'
  /dashboard/logout:
    post:
      summary: 'End the dashboard session'
      security: []
      responses:
        '303':
          description: 'See Other'
        default:
          $ref: '#/components/responses/Problem'
components:
  securitySchemes:
    apiKey:
      type: http
      scheme: bearer
      description: 'Authorization: Bearer sdk_… (or X-API-Key). Scopes: institution, operator, auditor.'
  responses:
    Problem:
      description: 'A problem (RFC 9457)'
      content:
        application/problem+json:
          schema: {$ref: '#/components/schemas/Problem'}
  schemas:
    Problem:
      type: object
      required: [type, title, status, detail, code]
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
        detail: {type: string}
        code: {type: string}
        field: {type: string}
        line: {type: integer}
"""#
}
