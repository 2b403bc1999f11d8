# Module manifest for AckHardening. ModuleVersion is a placeholder: build.ps1 stamps the <Version> from
# Directory.Build.props into the laid-out copy under out/AckHardening/<version>/.
@{
    RootModule           = 'AckHardening.PowerShell.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = 'ea97e8e8-6a7d-48a9-938d-cb5d09d3c551'
    Author               = 'AckHardening contributors'
    CompanyName          = 'AckHardening contributors'
    Copyright            = '(c) AckHardening contributors. All rights reserved.'
    Description          = 'Takes the Worker RAM role of Alibaba Cloud ACK managed clusters to least privilege: inventory clusters and worker roles, assess their policies, plan and apply the restriction, and verify the result.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'

    FormatsToProcess     = @('AckHardening.Format.ps1xml')

    # Explicit lists only: a missing or wildcard entry makes PowerShell scan the module on every import.
    CmdletsToExport      = @(
        'Connect-AckAccount'
        'Disconnect-AckAccount'
        'Get-AckContext'
        'Get-AckCluster'
        'Get-AckWorkerRolePolicy'
        'Get-AckPolicyAction'
        'Get-AckComponentCatalog'
        'Get-AckComponent'
        'Test-AckComponentVersion'
        'Test-AckServiceRole'
        'Update-AckComponent'
        'Set-AckComponentConfig'
        'Invoke-AckComponentRedeploy'
        'Test-AckTerwayConfig'
        'Repair-AckTerwayConfig'
        'Get-AckAuditTrail'
        'New-AckAuditTrail'
        'Get-AckWorkerRoleActivity'
        'Get-AckActivityCoverage'
        'Get-AckPolicyRecommendation'
        'Test-AckPolicyAccess'
        'Compare-AckPolicy'
        'Backup-AckWorkerRolePolicy'
        'Set-AckWorkerRolePolicy'
        'Restore-AckWorkerRolePolicy'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('AlibabaCloud', 'ACK', 'Kubernetes', 'RAM', 'LeastPrivilege', 'Security', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ReleaseNotes = 'Step 1: connect to an account, list ACK clusters, read their worker role policies and the actions those policies grant.'
        }
    }
}
