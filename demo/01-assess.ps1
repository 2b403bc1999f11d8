# Step 1, assess: which ACK managed clusters are there, which policies does each worker role carry, and which
# actions do those policies grant? (Out-Host keeps each caption next to its table.)

Write-Host 'Clusters in the account (dedicated clusters are skipped with a warning):'
$clusters = @(Get-AckCluster)
$clusters | Out-Host

Write-Host 'Policies attached to each worker role:'
$policies = @($clusters | Get-AckWorkerRolePolicy)
$policies | Out-Host

Write-Host 'Actions those policies grant:'
$actions = @($policies | Get-AckPolicyAction)
$actions | Out-Host

Write-Host 'Number of granted actions per policy:'
$actions | Group-Object PolicyName -NoElement | Sort-Object Count -Descending
