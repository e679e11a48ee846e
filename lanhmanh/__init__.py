"""Lành Mạnh: plans, targets, reporting and case work for the programmes of people's
committees against prostitution, drugs and human trafficking."""
