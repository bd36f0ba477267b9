// Vestibule on Azure: Container Apps (two or more replicas) on Azure Database for PostgreSQL, with
// Azure Communication Services, secrets in Key Vault, logs in Log Analytics. See the README's
// "Deploying to Azure" for what to do before (image, Entra app registration) and after (Teams
// settings, DNS). Deploy with:
//   az deployment group create -g <resource group> -f deploy/main.bicep -p deploy/main.parameters.json
// deploy/main.bicep.test.ts checks that the app's environment set here satisfies lib/config.js.

targetScope = 'resourceGroup'

@description('Short name used as a prefix for every resource (letters and digits, 3-12).')
@minLength(3)
@maxLength(12)
param name string = 'vestibule'

param location string = resourceGroup().location

@description('The container image, e.g. myregistry.azurecr.io/vestibule:1.0.0 (built from the repository Dockerfile).')
param image string

@description('Login server of the Azure Container Registry holding the image (pulled with the app identity), or empty for a public image.')
param registryServer string = ''

@description('Public https URL of the app. Empty: the Container App default address https://<name>.<environment domain>.')
param appUrl string = ''

@description('Directory (tenant) ID of the Entra tenant whose employees are staff.')
param entraTenantId string = tenant().tenantId

@description('Application (client) ID of the Vestibule app registration.')
param entraClientId string

@secure()
@description('A client secret of the Vestibule app registration.')
param entraClientSecret string

@secure()
@description('At least 32 random characters (openssl rand -base64 48); the same for every replica.')
@minLength(32)
param sessionSecret string

@secure()
@description('SMTP relay URL with credentials, e.g. smtps://user:password@smtp.azurecomm.net:587 for ACS Email.')
param smtpUrl string

@description('Sender of invitation and sign-in mails, e.g. "Vestibule <no-reply@contoso.com>"; the relay must allow it.')
param mailFrom string

@description('Where ACS stores data at rest: Africa, Asia Pacific, Australia, Brazil, Canada, Europe, France, Germany, India, Japan, Korea, Norway, Switzerland, UAE, UK, United States.')
param acsDataLocation string = 'Europe'

param postgresAdminLogin string = 'vestibule'

@secure()
@description('Administrator password of the PostgreSQL server.')
param postgresAdminPassword string

@description('PostgreSQL compute size; Burstable B1ms suits a pilot, General Purpose (Standard_D2ds_v5) production.')
param postgresSku object = {
  name: 'Standard_B1ms'
  tier: 'Burstable'
}

@description('Days of PostgreSQL point-in-time backups (7-35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@minValue(1)
param minReplicas int = 2

@minValue(1)
param maxReplicas int = 6

@description('OTLP/HTTP collector for OpenTelemetry traces (e.g. http://otel-collector:4318), or empty for none.')
param otlpEndpoint string = ''

var suffix = uniqueString(resourceGroup().id, name)
var appName = '${name}-app'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id-${suffix}'
  location: location
}

resource acs 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: '${name}-acs-${suffix}'
  location: 'global'
  properties: {
    dataLocation: acsDataLocation
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${name}-pg-${suffix}'
  location: location
  sku: postgresSku
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'vestibule'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Public access limited to Azure services (the Container Apps environment's outbound addresses
// change). For a private network, put the environment and the server in a VNet instead.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

// Every secret the app reads lives in Key Vault; the Container App references them by URI through
// its managed identity, so rotating one is a new secret version and a new revision, no redeploy.
// (One resource each: a loop over values known only during deployment is not allowed.)
var secretNames = ['session-secret', 'entra-client-secret', 'acs-connection-string', 'database-url', 'smtp-url']

resource sessionSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'session-secret'
  properties: { value: sessionSecret }
}

resource entraClientSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'entra-client-secret'
  properties: { value: entraClientSecret }
}

resource acsConnectionStringValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'acs-connection-string'
  properties: { value: acs.listKeys().primaryConnectionString }
}

resource databaseUrlValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require'
  }
}

resource smtpUrlValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'smtp-url'
  properties: { value: smtpUrl }
}

// Key Vault Secrets User: the app identity reads the secrets, nothing else.
resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env-${suffix}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var publicUrl = empty(appUrl) ? 'https://${appName}.${environment.properties.defaultDomain}' : appUrl
var secretRefs = [
  for secretName in secretNames: {
    name: secretName
    keyVaultUrl: '${vault.properties.vaultUri}secrets/${secretName}'
    identity: identity.id
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [secretsReader, sessionSecretValue, entraClientSecretValue, acsConnectionStringValue, databaseUrlValue, smtpUrlValue]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 3000
        transport: 'auto'
        allowInsecure: false
      }
      registries: empty(registryServer) ? [] : [{ server: registryServer, identity: identity.id }]
      secrets: secretRefs
    }
    template: {
      // SIGTERM, then this long to drain requests and close the database pool before SIGKILL.
      terminationGracePeriodSeconds: 30
      containers: [
        {
          name: 'vestibule'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'VESTIBULE_CLOUD', value: 'azure' }
            { name: 'NODE_ENV', value: 'production' }
            { name: 'APP_URL', value: publicUrl }
            { name: 'SESSION_SECRET', secretRef: 'session-secret' }
            { name: 'DATABASE_URL', secretRef: 'database-url' }
            { name: 'ENTRA_TENANT_ID', value: entraTenantId }
            { name: 'ENTRA_CLIENT_ID', value: entraClientId }
            { name: 'ENTRA_CLIENT_SECRET', secretRef: 'entra-client-secret' }
            { name: 'ACS_CONNECTION_STRING', secretRef: 'acs-connection-string' }
            { name: 'SMTP_URL', secretRef: 'smtp-url' }
            { name: 'MAIL_FROM', value: mailFrom }
            { name: 'LOG_LEVEL', value: 'info' }
            // Container Apps' ingress is the one proxy in front and appends the client to X-Forwarded-For.
            { name: 'TRUSTED_PROXY_HOPS', value: '1' }
            { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/api/health/live', port: 3000 }
              periodSeconds: 5
              failureThreshold: 24
            }
            {
              type: 'Liveness'
              httpGet: { path: '/api/health/live', port: 3000 }
              periodSeconds: 30
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: { path: '/api/health/ready', port: 3000 }
              periodSeconds: 10
              failureThreshold: 2
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '50' } } }]
      }
    }
  }
}

@description('The app URL; register https://<this>/api/auth/callback/entra as the app registration redirect URI.')
output appUrl string = publicUrl
output containerAppFqdn string = app.properties.configuration.ingress.fqdn
@description('For the Teams ACS federation allow-list (Set-CsTeamsAcsFederationConfiguration -AllowedAcsResources).')
output acsImmutableResourceId string = acs.properties.immutableResourceId
output keyVaultName string = vault.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
