# Step 6 of restricting the Worker RAM role: apply the least-privilege document, then roll it back.
# Backs up every version first, shows the exact RAM calls with -WhatIf, applies, proves a rerun changes nothing,
# and restores the original default from the backup. Run against a connected session (build.ps1 demo connects to
# the sandbox first).
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    [string] $ClusterId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7',
    # Where the backups go.
    [string] $BackupPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-policy-backups')
)
$ErrorActionPreference = 'Stop'

$policy = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy | Where-Object PolicyType -eq 'Custom' | Select-Object -First 1
if (-not $policy) { Write-Host 'No custom policy on the worker role: nothing to restrict.'; return }
$original = $policy.Document.ToJson()
Write-Host "`n== $($policy.PolicyName): default $($policy.DefaultVersion), $($policy.ActionCount) action entries" -ForegroundColor Cyan

Write-Host "`n== Back up every version" -ForegroundColor Cyan
$policy | Backup-AckWorkerRolePolicy -Path $BackupPath | Format-Table -AutoSize | Out-Host

# The proposal: from observed activity when the recommendation cmdlets are present, else a hand-written document
# holding the converged ACK worker-role actions.
if ((Get-Command Get-AckPolicyRecommendation, Get-AckWorkerRoleActivity -ErrorAction SilentlyContinue).Count -eq 2) {
    $activity = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRoleActivity -Days 14
    $proposal = $policy | Get-AckPolicyRecommendation -Activity $activity
    Write-Host "Proposal from 14 days of activity: $proposal"
} else {
    $json = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstanceAttribute","ecs:DescribeInstances","ecs:DescribeInstanceTypesNew"],"Resource":"*"},{"Effect":"Allow","Action":["log:GetProject","log:GetLogStore","log:GetConfig","log:GetMachineGroup","log:GetAppliedMachineGroups","log:GetAppliedConfigs","log:GetIndex","log:GetSavedSearch","log:GetDashboard","log:GetJob"],"Resource":"*"},{"Effect":"Allow","Action":["cr:GetAuthorizationToken","cr:ListInstanceEndpoint","cr:PullRepository"],"Resource":"*"}]}'
    $proposal = [pscustomobject]@{ PolicyName = $policy.PolicyName; RoleName = $policy.RoleName; ClusterId = $policy.ClusterId; ProposedDocument = $json; CurrentVersion = $policy.DefaultVersion }
    Write-Host 'Get-AckPolicyRecommendation is not available: using the converged ACK worker-role document.'
}

Write-Host "`n== What would change (-WhatIf)" -ForegroundColor Cyan
$proposal | Set-AckWorkerRolePolicy -BackupPath $BackupPath -WhatIf

Write-Host "`n== Apply" -ForegroundColor Cyan
$applied = $proposal | Set-AckWorkerRolePolicy -BackupPath $BackupPath -Confirm:$false -PassThru
$applied | Format-Table -AutoSize | Out-Host
$applied.Differences | Group-Object SideIndicator | ForEach-Object { Write-Host "  $($_.Name) $($_.Count) difference(s)" }

Write-Host "`n== Rerun: nothing to change" -ForegroundColor Cyan
$again = $proposal | Set-AckWorkerRolePolicy -BackupPath $BackupPath -Confirm:$false -PassThru
Write-Host "  Changed: $($again.Changed); $($again.Summary)"

Write-Host "`n== Roll back from the backup taken by the apply" -ForegroundColor Cyan
$restored = $applied | Restore-AckWorkerRolePolicy -Confirm:$false -PassThru
$restored | Format-Table -AutoSize | Out-Host
$now = Get-AckWorkerRolePolicy -RoleName $policy.RoleName | Where-Object PolicyName -eq $policy.PolicyName
if ($now.Document.ToJson() -ne $original) { throw "The restored default document differs from the original." }
Write-Host "Default version $($now.DefaultVersion) holds the original document again."
