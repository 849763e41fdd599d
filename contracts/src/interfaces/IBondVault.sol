// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IBondVault
/// @notice What the compute token asks of the contract that holds its lots' delivery bonds (the ComputeEscrow):
/// every issuance must leave the lot's unreserved bond covering the refund exposure of all its outstanding units.
interface IBondVault {
    /// @notice Called by the token on every issuance, after the lot's counters were updated. Makes the lot's
    /// unreserved bond at least `outstandingUnits × unitCover`, pulling any shortfall in the lot's currency from
    /// `provider` (who must have approved the vault for it); reverts when that is impossible, which refuses the
    /// issuance.
    /// @param lotId The lot being issued.
    /// @param currency The lot's settlement currency on its first issuance (`issueLot`), which the vault records and
    /// must accept; the zero address on later issuances (the vault knows it).
    /// @param provider The lot's provider, the caller of the issuance.
    /// @param outstandingUnits The lot's units in circulation once the issuance completes (issued - redeemed).
    /// @param unitCover Bond owed per outstanding unit: reference price × coverage ratio, rounded up.
    function coverIssue(uint256 lotId, address currency, address provider, uint256 outstandingUnits, uint256 unitCover)
        external;
}
