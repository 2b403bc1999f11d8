# Step 6, second half: apply the least-privilege document, then roll it back.
# The pipeline of the acceptance: activity -> policy -> recommendation -> Set-AckWorkerRolePolicy, which backs up
# every version first. -WhatIf shows the exact RAM calls; the applied default is replayed against the activity; a
# rerun changes nothing; Restore-AckWorkerRolePolicy puts the original default back from the backup.
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    [string] $ClusterId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7',
    [ValidateRange(7, 90)][int] $Days = 14,
    # Where the backups go.
    [string] $BackupPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-policy-backups')
)
$ErrorActionPreference = 'Stop'

$a = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRoleActivity -Days $Days -WarningAction SilentlyContinue
$original = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy
$columns = 'DefaultVersion', 'StatementCount', 'ActionCount', 'WildcardActionCount', 'DocumentLength'
Write-Host "`n== Before: $($original.PolicyName) of $($original.RoleName)" -ForegroundColor Cyan
$original | Format-Table $columns -AutoSize | Out-Host

Write-Host "== A standalone backup first (every version, with the content and file hashes)" -ForegroundColor Cyan
$original | Backup-AckWorkerRolePolicy -Path $BackupPath | Format-List PolicyName, VersionCount, DefaultVersion, Sha256, FileSha256, Path | Out-Host

Write-Host "== What would change (-WhatIf lists the RAM calls; nothing is written)" -ForegroundColor Cyan
Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy | Get-AckPolicyRecommendation -Activity $a -WarningAction SilentlyContinue |
    Set-AckWorkerRolePolicy -BackupPath $BackupPath -WhatIf

Write-Host "`n== Apply: back up, then one new default version" -ForegroundColor Cyan
$applied = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy | Get-AckPolicyRecommendation -Activity $a -WarningAction SilentlyContinue |
    Set-AckWorkerRolePolicy -BackupPath $BackupPath -Confirm:$false -PassThru
$applied | Format-List Summary, PreviousDefaultVersion, DefaultVersion, VersionCount, BackupPath | Out-Host
$now = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy
$now | Format-Table $columns -AutoSize | Out-Host
$refused = @(Test-AckPolicyAccess -Document $now -Activity $a)
Write-Host ("  Replay of the new default {0}: {1}" -f $now.DefaultVersion, $(if ($refused) { "REFUSES $($refused.Action -join ', ')" } else { 'every used action is allowed' }))

Write-Host "`n== Rerun: nothing to change" -ForegroundColor Cyan
$again = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy | Get-AckPolicyRecommendation -Activity $a -WarningAction SilentlyContinue |
    Set-AckWorkerRolePolicy -BackupPath $BackupPath -Confirm:$false -PassThru
Write-Host "  Changed: $($again.Changed). $($again.Summary)"

Write-Host "`n== Roll back from the backup the apply took" -ForegroundColor Cyan
$restored = Restore-AckWorkerRolePolicy -BackupFile $applied.BackupPath -Confirm:$false -PassThru
$restored | Format-List Summary, PreviousDefaultVersion, DefaultVersion | Out-Host
$back = Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy
$diff = @(Compare-AckPolicy -Reference $original -Difference $back)
if ($diff -or $back.DocumentJson -ne $original.DocumentJson) { throw "The restored default document differs from the original." }
Write-Host "  Default version $($back.DefaultVersion) holds the original document again (Compare-AckPolicy: no difference)."
