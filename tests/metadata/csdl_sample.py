"""A small CSDL document with what the reader must handle: two schemas, an alias, base
types, navigation, an enum, bound and unbound operations, a container and restrictions."""

SAMPLE = b"""<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color">
        <Member Name="red" Value="0" />
        <Member Name="unknownFutureValue" Value="1" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity" OpenType="true">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="favourite" Type="graph.color" />
        <NavigationProperty Name="drive" Type="graph.drive" ContainsTarget="true" />
        <NavigationProperty Name="messages" Type="Collection(graph.message)" />
        <NavigationProperty Name="calendar" Type="graph.calendar" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="specialUser" BaseType="graph.user">
        <Property Name="level" Type="Edm.Int32" />
      </EntityType>
      <EntityType Name="message" BaseType="graph.entity" HasStream="true">
        <Property Name="tags" Type="Collection(Edm.String)" />
      </EntityType>
      <EntityType Name="calendar" BaseType="graph.entity" />
      <EntityType Name="drive" BaseType="graph.entity">
        <NavigationProperty Name="root" Type="graph.driveItem" ContainsTarget="true" />
        <NavigationProperty Name="items" Type="Collection(graph.driveItem)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="driveItem" BaseType="graph.entity">
        <Property Name="content" Type="Edm.Stream" />
        <NavigationProperty Name="children" Type="Collection(graph.driveItem)" />
      </EntityType>
      <Action Name="send" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.message" />
        <Parameter Name="comment" Type="Edm.String" />
        <Parameter Name="toRecipients" Type="Collection(Edm.String)" Nullable="false" />
      </Action>
      <Function Name="delta" IsBound="true" IsComposable="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.message)" />
        <ReturnType Type="Collection(graph.message)" />
      </Function>
      <Function Name="range" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.driveItem" />
        <Parameter Name="address" Type="Edm.String" Nullable="false" />
        <ReturnType Type="graph.driveItem" />
      </Function>
      <Function Name="now">
        <ReturnType Type="Edm.DateTimeOffset" />
      </Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="graph.user" />
        <Singleton Name="me" Type="graph.user" />
        <FunctionImport Name="now" Function="graph.now" />
      </EntityContainer>
      <Annotations Target="microsoft.graph.user/calendar">
        <Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions">
          <Record><PropertyValue Property="Deletable" Bool="false" /></Record>
        </Annotation>
      </Annotations>
    </Schema>
    <Schema Namespace="microsoft.graph.callRecords" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="session">
        <Property Name="caller" Type="graph.entity" />
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"""
