"""`ProposalFacts`: where the proposal rules of `relations` and `stances` put what they find."""

from __future__ import annotations

from spacy.tokens import Token

from ..core.records import Fact
from .context import AGENT_TYPES, ArticleContext
from .proposals import ProposalRegistry


class ProposalFacts:
    """The proposal facts of one article as they are found, with the article's context and its proposals."""

    def __init__(self, ctx: ArticleContext, registry: ProposalRegistry) -> None:
        self.ctx = ctx
        self.registry = registry
        self.facts: list[Fact] = []
        self.speakers: list[tuple[int, int, str]] = []  # (start, end, speaker) of each quotation

    def add(self, subject: str, relation: str, obj: str, token: Token, confidence: float) -> None:
        confidence *= self.ctx.confidence_of_token.get(token.i, 1.0)
        self.facts.append(Fact(subject, relation, obj, self.ctx.evidence(token), round(min(confidence, 1.0), 3)))

    def take_stance(self, agents: list[str], relation: str, key: str, token: Token, confidence: float) -> None:
        """Record that each agent stands so on a proposal: the registry learns who acts on it, and
        each gets the fact."""
        self.registry.add_agents(key, agents, relation)
        for agent in agents:
            self.add(agent, relation, key, token, confidence)

    def speaker_at(self, token: Token) -> str | None:
        """Who says the quotation ``token`` is in, if it is in one."""
        return next((key for start, end, key in self.speakers if start <= token.idx < end), None)

    def agents(self, keys: list[str]) -> list[str]:
        return [k for k in keys if self.ctx.entities[k].type in AGENT_TYPES]
